namespace CpAlerts.Application.Messages;

/// <summary>The kinds of email CpAlerts sends; each has its templates (`{name}.subject.liquid`, …).</summary>
public enum EmailKind
{
    Digest,
    Escalation,
    SameDay,
    Baseline,
    IhaReport,
    IhaRequest,
    Scorecard,
    Undeliverable,
}

public static class EmailKinds
{
    /// <summary>
    /// The kind as a sweep's message ids name it: its <see cref="Name"/>, except the IHA request's "iha", which its ids have
    /// said since the first release (a new word would give a request already sent a new id, and duplicate detection would
    /// not know it).
    /// </summary>
    public static string IdName(this EmailKind kind) => kind == EmailKind.IhaRequest ? "iha" : kind.Name();

    /// <summary>The name in template files, the delivery log, mail categories and outbox file names.</summary>
    public static string Name(this EmailKind kind) => kind switch
    {
        EmailKind.Digest => "digest",
        EmailKind.Escalation => "escalation",
        EmailKind.SameDay => "same-day",
        EmailKind.Baseline => "baseline",
        EmailKind.IhaReport => "iha-report",
        EmailKind.IhaRequest => "iha-request",
        EmailKind.Scorecard => "scorecard",
        EmailKind.Undeliverable => "undeliverable",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The kind in words, for people: "weekly digest", "same-day alert".</summary>
    public static string Words(this EmailKind kind) => kind switch
    {
        EmailKind.Digest => "weekly digest",
        EmailKind.Escalation => "escalation",
        EmailKind.SameDay => "same-day alert",
        EmailKind.Baseline => "go-live summary",
        EmailKind.IhaReport => "weekly IHA request report",
        EmailKind.IhaRequest => "initial health assessment request",
        EmailKind.Scorecard => "scorecard",
        EmailKind.Undeliverable => "undeliverable notice",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
