package dev.masking.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.masking.core.MaskAction;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The notes' action names, made once per count, are the text they always were. */
final class DescribeActionTest {

  @Test
  void everyKeepCountIsDescribedAsTheActionDescribesItself() {
    for (int n = 1; n <= 64; n++) {
      assertThat(new MaskAction.KeepFirst(n).describe()).isEqualTo("keep_first(" + n + ")");
      assertThat(new MaskAction.KeepLast(n).describe()).isEqualTo("keep_last(" + n + ")");
    }
    for (MaskAction a : List.of(MaskAction.redact(), new MaskAction.Stars(),
        new MaskAction.Redact("[x]"))) {
      assertThat(a.describe()).isEqualTo(a.name());
    }
  }
}
