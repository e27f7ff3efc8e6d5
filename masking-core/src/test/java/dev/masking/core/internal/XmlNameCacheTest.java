package dev.masking.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.Step;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

final class XmlNameCacheTest {

  private static Step tag(String name) {
    byte[] b = ("<" + name + ">").getBytes(StandardCharsets.UTF_8);
    return XmlNameCache.get().step("xml_tag", false, b, 1, b.length - 1);
  }

  private static Step attr(String name) {
    byte[] b = (" " + name + "=").getBytes(StandardCharsets.UTF_8);
    return XmlNameCache.get().step("xml_attr", true, b, 1, b.length - 1);
  }

  @Test
  void sameNameInAnotherScanReusesTheStep() {
    assertThat(tag("Password")).isSameAs(tag("Password"));
  }

  @Test
  void tagAndAttributeOfTheSameNameAreDifferentSteps() {
    assertThat(tag("Type")).isEqualTo(Step.named("xml_tag", "Type"));
    assertThat(attr("Type")).isEqualTo(Step.named("xml_attr", "Type"));
    assertThat(tag("Type")).isEqualTo(Step.named("xml_tag", "Type"));
  }

  @Test
  void everyNameOfAFloodGetsItsOwnStep() {
    for (int i = 0; i < 5_000; i++) {
      assertThat(tag("n" + i).key()).isEqualTo("n" + i);
    }
    for (int i = 4_999; i >= 0; i--) {
      assertThat(attr("n" + i).key()).isEqualTo("n" + i);
    }
  }

  @Test
  void longAndNonAsciiNamesAreDecodedAsUtf8() {
    String longName = "x".repeat(65);
    assertThat(tag(longName).key()).isEqualTo(longName);
    assertThat(tag("пароль").key()).isEqualTo("пароль");
    assertThat(tag("пароль")).isSameAs(tag("пароль"));
  }
}
