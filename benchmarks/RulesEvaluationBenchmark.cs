using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using CpAlerts.Domain.Calendar;
using CpAlerts.Domain.Records;
using CpAlerts.Domain.Rules;
using CpAlerts.Testing.Synthetic;
using NodaTime;

namespace CpAlerts.Benchmarks;

/// <summary>Rule evaluation over a 100,000-child synthetic caseload: divide by 100,000 for per-child time and allocation.</summary>
[MemoryDiagnoser]
public class RulesEvaluationBenchmark
{
    private ImmutableArray<ChildRecords> _children;
    private EvaluationContext _context = null!;

    [Params(100_000)]
    public int Children { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var asOf = new LocalDate(2026, 11, 23);
        _children = new SyntheticCaseload(Children, 1, asOf).Generate().ToCaseload().Children;
        _context = new EvaluationContext(LondonTime.ToInstant(asOf.At(new LocalTime(6, 0))), WorkingCalendar.EnglandAndWales, AlertPolicy.Default);
    }

    [Benchmark]
    public int EvaluateCaseload()
    {
        var findings = 0;
        foreach (var child in _children)
        {
            foreach (var _ in RulesEngine.Standard.Evaluate(child, _context))
            {
                findings++;
            }
        }

        return findings;
    }
}
