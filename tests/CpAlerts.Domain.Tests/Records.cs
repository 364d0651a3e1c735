using System.Collections.Immutable;
using CpAlerts.Domain.Calendar;
using CpAlerts.Domain.Records;
using CpAlerts.Domain.Rules;
using NodaTime;
using NodaTime.Text;

namespace CpAlerts.Domain.Tests;

/// <summary>Terse builders for synthetic records in rule tests.</summary>
internal static class Records
{
    public static LocalDate D(string iso) => LocalDatePattern.Iso.Parse(iso).Value;

    public static Instant I(string iso) => InstantPattern.ExtendedIso.Parse(iso).Value;

    public static ChildRecords Child(string entered, string? left = null, string id = "C1") =>
        ChildRecords.Of(new Child(id, "Test", "Child", D("2015-01-01"), LegalStatus.CareOrder, false, "North",
            ConsentStatus.Given, D(entered), left is null ? null : D(left), "S1"));

    public static ChildRecords WithIha(this ChildRecords c, string? requested, string? completed, AssessmentType type = AssessmentType.Iha) =>
        c with { HealthAssessments = c.HealthAssessments.Add(new HealthAssessment(c.Child.ChildId, type, requested is null ? null : D(requested), completed is null ? null : D(completed))) };

    public static ChildRecords WithDental(this ChildRecords c, params string[] checks) =>
        c with { DentalChecks = c.DentalChecks.AddRange(checks.Select(x => new DentalCheck(c.Child.ChildId, D(x)))) };

    public static ChildRecords WithReview(this ChildRecords c, string held, bool plan) =>
        c with { Reviews = c.Reviews.Add(new Review(c.Child.ChildId, D(held), plan)) };

    public static ChildRecords WithMissing(this ChildRecords c, string id, string? returned, string? offered = null, bool declined = false) =>
        c with
        {
            MissingEpisodes = c.MissingEpisodes.Add(new MissingEpisode(id, c.Child.ChildId, I("2020-01-01T00:00:00Z"),
                returned is null ? null : I(returned), offered is null ? null : I(offered), null, declined)),
        };

    public static EvaluationContext AsOf(string instantOrDate, AlertPolicy? policy = null)
    {
        var asOf = instantOrDate.Contains('T', StringComparison.Ordinal)
            ? I(instantOrDate)
            : LondonTime.ToInstant(D(instantOrDate).At(new LocalTime(9, 0)));
        return new EvaluationContext(asOf, WorkingCalendar.EnglandAndWales, policy ?? AlertPolicy.Default);
    }

    public static ImmutableArray<Finding> Run(IDueDateRule rule, ChildRecords child, string asOf) =>
        [.. RulesEngine.Standard.Evaluate(child, AsOf(asOf)).Where(f => f.Rule == rule.Id)];

    /// <summary>"none", or "status/days/level/due" of the only finding.</summary>
    public static string Summary(IEnumerable<Finding> findings) =>
        findings.SingleOrDefault() is { } f
            ? $"{(f.Status == FindingStatus.Overdue ? "overdue" : "due_soon")}/{f.DaysOverdue}/{(int)f.Level}/{LocalDatePattern.Iso.Format(f.DueDate)}"
            : "none";
}
