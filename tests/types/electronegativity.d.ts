// @doyensec/electronegativity ships no types; the test uses only its programmatic run().
declare module '@doyensec/electronegativity' {
  const run: (options: Record<string, unknown>) => Promise<unknown>;
  export default run;
}
