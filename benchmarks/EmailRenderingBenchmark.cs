using BenchmarkDotNet.Attributes;
using CpAlerts.Adapters.Email;

namespace CpAlerts.Benchmarks;

/// <summary>Rendering one weekly digest (subject, text and HTML) for a worker with ten children.</summary>
[MemoryDiagnoser]
public class EmailRenderingBenchmark
{
    private readonly EmailTemplates _templates = new(EmailTemplates.DefaultFolder);
    private Dictionary<string, object?> _model = null!;

    [GlobalSetup]
    public void Setup()
    {
        _model = new Dictionary<string, object?>
        {
            ["recipient_name"] = "Worker Placeholder", ["week_of"] = "Mon 23 Nov 2026", ["summary"] = "10 item(s) for 10 child(ren)", ["standing_in"] = false,
            ["children"] = Enumerable.Range(1, 10).Select(i => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
            {
                ["reference"] = $"C{i:D6}", ["initials"] = "A. T.", ["name"] = null, ["link"] = $"https://cases.example/children/C{i:D6}",
                ["items"] = new List<IReadOnlyDictionary<string, object?>>
                {
                    new Dictionary<string, object?> { ["rule"] = "Dental check", ["subject"] = "", ["due"] = "Sat 11 Jul 2026", ["level"] = 2, ["level_words"] = "Escalated", ["lateness"] = "135 day(s) overdue", ["what_to_do"] = "Book a dental check." },
                },
            }).ToList(),
        };
    }

    [Benchmark]
    public int RenderDigest() => _templates.Render("digest", _model).Html.Length;
}
