/** The one function of the `fbp` package (which ships no types) that the converter uses. */
declare module 'fbp' {
  const fbp: {
    parse(text: string, options?: { caseSensitive?: boolean }): unknown;
  };
  export default fbp;
}
