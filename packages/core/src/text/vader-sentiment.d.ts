// The package ships JavaScript only; this is the one function Waymark calls.
declare module 'vader-sentiment' {
  const vader: {
    SentimentIntensityAnalyzer: { polarity_scores(text: string): { compound: number; pos: number; neu: number; neg: number } };
  };
  export default vader;
}
