package dev.masking.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The XML scanner's scratch arrays kept for the thread's next scan are bounded however large the
 * document a scan read: a thread of a server's pool that once scanned a 1 MB document must not
 * hold megabytes for good; small documents still reuse them.
 */
final class XmlSpareScratchTest {

  private static String document(int elements) {
    StringBuilder x = new StringBuilder("<r>");
    for (int i = 0; i < elements; i++) {
      x.append("<e").append(i % 50).append(" a=\"1\">t</e").append(i % 50).append('>');
    }
    return x.append("<password>s</password></r>").toString();
  }

  @Test
  void aLargeDocumentLeavesTheThreadAtMostAFewHundredKilobytesOfScratch() {
    for (int elements : new int[] {30_000, 5_000}) {
      XmlTesting.Result r = XmlTesting.scan(document(elements), XmlTesting.names("password"));
      assertThat(r.text()).contains("<password>***</password>");
      assertThat(XmlScanner.spareInts() * 4).as("%d elements", elements)
          .isLessThanOrEqualTo(320 * 1024);
    }
  }

  @Test
  void aSmallDocumentStillLeavesItsScratchForTheNext() {
    XmlTesting.scan(document(40), XmlTesting.names("password"));
    assertThat(XmlScanner.spareInts()).isPositive();
    XmlTesting.scan(document(40), XmlTesting.names("password"));
    assertThat(XmlScanner.spareInts()).isPositive();
  }
}
