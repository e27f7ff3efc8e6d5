package dev.masking.core.internal;

import dev.masking.core.Decision;
import dev.masking.core.MaskAction;
import dev.masking.core.MaskPolicy;
import dev.masking.core.MaskingOptions;
import dev.masking.core.Note;
import dev.masking.core.Step;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Shared helpers for the XML scanner tests. */
final class XmlTesting {
  private XmlTesting() {}

  /** The outcome of one scan. */
  record Result(byte[] bytes, List<Note> notes, int depthAfter) {
    /** The output as text, or null when the scanner changed nothing. */
    String text() {
      return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /** The output as text, the input when unchanged. */
    String textOr(String input) {
      return bytes == null ? input : text();
    }

    List<String> fallbacks() {
      return notes.stream().filter(n -> n.kind() == Note.Kind.FALLBACK).map(Note::reason)
          .toList();
    }

    @Override
    public String toString() {
      return "Result[notes=" + notes + "]";
    }
  }

  /** Selects XML elements and attributes whose field name is one of {@code names} (exact). */
  static MaskPolicy names(MaskAction action, String... names) {
    Set<String> set = new HashSet<>(List.of(names));
    Decision d = new Decision(action, "test");
    return f -> f.last().parser().startsWith("xml_") && set.contains(f.name()) ? d : null;
  }

  static MaskPolicy names(String... names) {
    return names(MaskAction.redact(), names);
  }

  static Result scan(String xml, MaskPolicy policy) {
    return scan(xml.getBytes(StandardCharsets.UTF_8), policy, MaskingOptions.defaults());
  }

  static Result scan(String xml, MaskPolicy policy, MaskingOptions options) {
    return scan(xml.getBytes(StandardCharsets.UTF_8), policy, options);
  }

  static Result scan(byte[] xml, MaskPolicy policy, MaskingOptions options) {
    MaskRun run = new MaskRun(policy, options);
    run.push(Step.of("post"));
    byte[] out = XmlScanner.mask(xml, 0, xml.length, run);
    return new Result(out, run.notes(), run.depth());
  }

  /** The masked text, the input when unchanged. */
  static String mask(String xml, MaskPolicy policy) {
    return scan(xml, policy).textOr(xml);
  }

  /** XML-escaped forms of {@code s} a leak check looks for besides the raw one. */
  static List<String> escapedForms(String s) {
    StringBuilder dec = new StringBuilder();
    StringBuilder hex = new StringBuilder();
    for (char c : s.toCharArray()) {
      dec.append("&#").append((int) c).append(';');
      hex.append("&#x").append(Integer.toHexString(c)).append(';');
    }
    return List.of(s, XmlScanner.xmlEscape(s, true), dec.toString(), hex.toString());
  }
}
