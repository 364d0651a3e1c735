using BenchmarkDotNet.Running;
using CpAlerts.Benchmarks;

// `e2e …` prints end-to-end figures against Azurite, `teamview …` the team view's by council size; anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "e2e")
{
    return await EndToEndFigures.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "teamview")
{
    return await TeamViewFigures.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromTypes([typeof(RulesEvaluationBenchmark), typeof(EmailRenderingBenchmark)]).Run(args);
return 0;
