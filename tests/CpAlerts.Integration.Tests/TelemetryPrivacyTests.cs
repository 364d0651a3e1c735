using System.Diagnostics;
using CpAlerts.Adapters.Csv;
using CpAlerts.Adapters.Storage;
using CpAlerts.Adapters.Telemetry;
using CpAlerts.Application.Configuration;
using CpAlerts.Functions.Handler;
using CpAlerts.Tool.Cli;
using NodaTime;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CpAlerts.Integration.Tests;

/// <summary>
/// The log-privacy test's twin for telemetry: the whole demo pipeline (import, sweeps, deliveries with the mail
/// service failing now and then) and a purge, with OpenTelemetry's in-memory exporter listening to exactly what
/// the Azure Monitor exporter is given. The operator's metrics are there, each span carries the host's
/// invocation id, and no attribute holds a child's or a worker's name, date of birth, id or address.
/// </summary>
public class TelemetryPrivacyTests
{
    [Fact]
    public async Task The_metrics_and_traces_are_there_and_hold_no_personal_data()
    {
        var council = Azurite.NewCouncil();
        var prefix = "t" + Guid.NewGuid().ToString("N")[..12];
        var output = Path.Combine(Path.GetTempPath(), "cpalerts-telemetry-" + prefix);
        var metrics = new List<MetricSnapshot>();
        var spans = new List<Activity>();
        using (var meterProvider = Sdk.CreateMeterProviderBuilder().AddMeter(HandlerMetrics.MeterName).AddInMemoryExporter(metrics).Build())
        using (var tracerProvider = Sdk.CreateTracerProviderBuilder().AddSource(InvocationTrace.SourceName).AddInMemoryExporter(spans).Build())
        {
            var configuration = Azurite.Configuration((TablesOptions.PrefixSetting, prefix));
            var summary = await DemoCommand.RunAsync(configuration, SystemClock.Instance, output, children: 120, seed: 4,
                Instant.FromUtc(2026, 11, 23, 9, 0), council, TextWriter.Null, default, faults: true);
            Assert.True(summary.Emails > 0);
            var storage = TableStorage.FromConfiguration(configuration);
            await new RetentionFunctions(new RetentionPurge(storage, RetentionOptions.Default), SystemClock.Instance)
                .PurgeAsync(new InvocationRequest(null, null), default);
            meterProvider.ForceFlush();
            tracerProvider.ForceFlush();
        }

        // Other tests in this assembly may record too: look only at this council's points, and at everything for privacy.
        var points = metrics.SelectMany(m => m.MetricPoints.Select(p => (m.Name, Tags: Tags(p), Point: p))).ToList();
        long Sum(string name, params (string Key, string Value)[] tags) =>
            points.Where(p => p.Name == name && tags.All(t => p.Tags.TryGetValue(t.Key, out var v) && v == t.Value))
                .Sum(p => p.Point.GetSumLong());

        Assert.True(Sum("cpalerts.sweep.completed", ("council", council), ("sweep", "daily")) > 0); // the demo sweeps several days
        Assert.Contains(points, p => p.Name == "cpalerts.sweep.duration" && p.Tags.GetValueOrDefault("council") == council && p.Point.GetHistogramCount() > 0);
        Assert.True(Sum("cpalerts.findings", ("council", council), ("rule", "IHA_COMPLETION")) > 0);
        Assert.Contains(points, p => p.Name == "cpalerts.findings" && p.Tags.GetValueOrDefault("level") is "due-soon" or "overdue" or "escalated");
        Assert.True(Sum("cpalerts.emails", ("kind", "digest"), ("outcome", "sent")) > 0);
        Assert.True(Sum("cpalerts.emails", ("outcome", "duplicate")) > 0); // --faults: the host loses answers and redelivers
        Assert.True(Sum("cpalerts.records.imported", ("council", council)) > 0);
        Assert.Contains(points, p => p.Name == "cpalerts.records.rejected" && p.Tags.GetValueOrDefault("council") == council);
        Assert.Contains(points, p => p.Name == "cpalerts.records.removed" && p.Tags.GetValueOrDefault("council") == council);
        Assert.Contains(points, p => p.Name == "cpalerts.retention.purged" && p.Tags.GetValueOrDefault("table") == TableNames.Deliveries);

        // One span per invocation, named after the function, with the invocation id the host (here the local stand-in) sent.
        var sweeps = spans.Where(s => s.DisplayName == SweepFunctions.SweepCouncil).ToList();
        Assert.NotEmpty(sweeps);
        Assert.All(spans, s => Assert.True(Guid.TryParse(s.GetTagItem("faas.invocation_id") as string, out _), $"{s.DisplayName} has no invocation id"));
        Assert.Equal(spans.Count, spans.Select(s => s.GetTagItem("faas.invocation_id")).Distinct().Count());
        Assert.Contains(spans, s => s.DisplayName == "DeliverDigest");
        // Internal: Application Insights keeps them as dependencies (InProc), not as a second request beside the host's.
        Assert.All(spans, s => Assert.Equal(ActivityKind.Internal, s.Kind));

        var recorded = points.SelectMany(p => p.Tags.Values.Append(p.Name))
            .Concat(spans.SelectMany(s => s.TagObjects.Select(t => t.Value?.ToString() ?? "").Append(s.DisplayName).Append(s.StatusDescription ?? "")
                .Concat(s.Events.Select(e => e.Name))))
            .ToList();
        var export = RecordExportReader.ReadFolder(Path.Combine(output, "export"));
        var personal = export.Children.SelectMany(c => new[] { c.ChildId, c.FirstName, c.LastName, c.DateOfBirth.ToString("yyyy-MM-dd", null) })
            .Concat(export.Staff.SelectMany(s => new[] { s.StaffId, s.Name, s.Email }))
            .OfType<string>().Where(v => v.Length >= 3).Distinct().ToList();
        Assert.NotEmpty(personal);
        foreach (var value in recorded)
        {
            Assert.DoesNotContain('@', value);
            foreach (var item in personal)
            {
                Assert.False(value.Contains(item, StringComparison.Ordinal), $"telemetry value '{value}' contains a personal value");
            }
        }

        Directory.Delete(output, recursive: true);
    }

    private static Dictionary<string, string> Tags(MetricPoint point)
    {
        var tags = new Dictionary<string, string>();
        foreach (var tag in point.Tags)
        {
            tags[tag.Key] = tag.Value?.ToString() ?? "";
        }

        return tags;
    }
}
