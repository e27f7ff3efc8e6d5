package dev.masking.core;

/**
 * An optional companion of {@link MaskPolicy}: the policy's name pre-filter as data, for scanners
 * that test every member name and array element. It gives a set of hashes of the first three
 * characters of the names a policy could select, probed inline without a call per name, and
 * whether the policy could select an array element at all. The rule engine's compiled policy
 * implements it; a policy without it is asked ({@link MaskPolicy#maySelectName}) about every name.
 *
 * <p>The prefix hash of a name whose UTF-8 bytes start with the three bytes {@code c0 c1 c2}, each
 * a lower-case ASCII letter or an ASCII digit, is {@code index((c0 * 31 + c1) * 31 + c2)}.
 * Implementations must be immutable and thread-safe.
 */
public interface NamePrefixes {

  /** Bits in a prefix set: the set is {@code BITS / 64} longs. */
  int BITS = 1 << 12;

  /**
   * The prefix set for named steps of {@code parser}: bit {@code i} is {@code set[i >>> 6] & 1L <<
   * i}. A name starting with three lower-case letters or digits whose prefix hash bit is clear is
   * one {@link dev.masking.core.MaskPolicy#maySelectName} answers false for. Null when some such
   * names must be asked about anyway (every name of this parser is).
   *
   * @param parser the innermost step's parser
   * @return the set, not to be modified, or null
   */
  long[] namePrefixBits(String parser);

  /**
   * Whether {@link dev.masking.core.MaskPolicy#decide} could select a field whose innermost step is
   * an indexed step of {@code parser} (such as {@code array} for a JSON array element), whatever
   * its index and the steps above it; false promises that it returns null for every such field, so
   * a scanner may skip asking.
   *
   * @param parser the innermost step's parser
   * @return false only when no such field can be selected
   */
  boolean maySelectIndexed(String parser);

  /**
   * Whether {@link dev.masking.core.MaskPolicy#decide} answers for a field whose innermost step is
   * a named step of {@code parser} from that step's name alone, whatever the steps above it: true
   * promises that two such fields with the same decoded name get the same answer, so that a
   * scanner may ask once per distinct name of an input and reuse the answer. The default is the
   * safe answer, {@code false}.
   *
   * @param parser the innermost step's parser
   * @return true only when the answer depends on nothing but the name
   */
  default boolean decidesByName(String parser) {
    return false;
  }

  /** The bit of the polynomial hash {@code h} of a name prefix (also used for whole names). */
  static int index(int h) {
    return (h ^ h >>> 12 ^ h >>> 24) & BITS - 1;
  }
}
