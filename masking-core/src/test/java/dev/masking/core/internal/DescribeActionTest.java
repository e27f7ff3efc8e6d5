package dev.masking.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.MaskAction;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The notes' action names made once per count are the actions' own descriptions. */
final class DescribeActionTest {

  @Test
  void everyKeepCountIsDescribedAsTheActionDescribesItself() {
    for (int n = 1; n <= 64; n++) {
      for (MaskAction a : List.of(new MaskAction.KeepFirst(n), new MaskAction.KeepLast(n))) {
        assertThat(MaskRun.describeAction(a)).isEqualTo(a.describe());
      }
    }
    for (MaskAction a : List.of(MaskAction.redact(), new MaskAction.Stars(),
        new MaskAction.Redact("[x]"))) {
      assertThat(MaskRun.describeAction(a)).isEqualTo(a.describe());
    }
  }
}
