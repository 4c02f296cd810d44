// Contract of the embedded-scalar decoder: the exact string YAML yields for a scalar, plus a map
// from every offset of that string back to the file text.

export type ScalarStyle = 'PLAIN' | 'QUOTE_SINGLE' | 'QUOTE_DOUBLE' | 'BLOCK_LITERAL' | 'BLOCK_FOLDED';

export interface DecodedScalar {
  style: ScalarStyle;
  /**
   * False when the decoder could not reproduce the value: every offset then maps to the scalar
   * start, and a non-empty range to the whole scalar.
   */
  exact?: boolean;
  /** Exactly what the `yaml` package yields as the scalar's value. */
  value: string;
  /**
   * Source span of the whole scalar (node.range[0..1]; anchors and tags excluded): quotes included;
   * for block scalars, the header (`|-`) through the last content line's break (with keep chomping
   * through the trailing empty lines too).
   */
  sourceStart: number;
  sourceEnd: number;
  /**
   * Where the content lies (set by decodeScalar): inside the quotes; for block scalars from just
   * after the header line's break to sourceEnd; for plain scalars the whole span.
   */
  contentStart?: number;
  contentEnd?: number;
  /** Block scalars with content: the indentation stripped from each content line. */
  blockIndent?: number;
  /**
   * File offset of the source characters that encode value[offset]. For offset === value.length,
   * the offset just after the source of the last character (contentStart for an empty value).
   * Non-decreasing in valueOffset.
   */
  toSource(valueOffset: number): number;
  /**
   * The smallest source span covering value[start, end): start maps to the first source character
   * of value[start]; end maps to just after the source characters of value[end - 1].
   * An empty value range maps to an empty source range at toSource(start).
   */
  rangeToSource(start: number, end: number): [number, number];
}
