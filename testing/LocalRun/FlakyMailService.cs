using System.Collections.Concurrent;
using CpAlerts.Application.Ports;

namespace CpAlerts.Testing.LocalRun;

/// <summary>
/// In front of the real sender in the demo: counts what was really sent, per message id, so the demo can show that
/// every email went exactly once; and with `--faults`, refuses the first <see cref="FailuresPerMessage"/> attempts of
/// every <see cref="EveryNth"/> message (0: none) as SendGrid does when it is overloaded (503, a transient failure),
/// and every send during <see cref="Outage"/> (read on <see cref="Clock"/>, the Service Bus stand-in's time),
/// before anything is sent.
/// </summary>
public sealed class FlakyMailService(IEmailSender inner, int everyNth = 3, int failuresPerMessage = 4) : IEmailSender
{
    /// <summary>When the mail service is down altogether (start inclusive, end exclusive); none by default.</summary>
    public (NodaTime.Instant From, NodaTime.Instant To)? Outage { get; init; }

    /// <summary>The clock the outage is read on.</summary>
    public NodaTime.IClock Clock { get; init; } = NodaTime.SystemClock.Instance;

    public int RefusedDuringOutage { get; private set; }

    /// <summary>An address the mail service refuses for good (a mistyped or closed mailbox: SendGrid's 400); none by default.</summary>
    public string? RefusedAddress { get; init; }

    /// <summary>Where each refusal is written, a line each (the demo's details file); none by default.</summary>
    public TextWriter? Details { get; init; }

    /// <summary>The emails to <see cref="RefusedAddress"/> that were refused, by message id.</summary>
    public IReadOnlyCollection<string> RefusedForGood => (IReadOnlyCollection<string>)_refusedForGood.Keys;

    /// <summary>Every email the real sender accepted, by message id: who it went to, and what it said.</summary>
    public IReadOnlyDictionary<string, OutgoingEmail> Accepted => _accepted;

    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _sent = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, OutgoingEmail> _accepted = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _refusedForGood = new(StringComparer.Ordinal);
    private int _messages;

    public int EveryNth { get; } = everyNth;

    public int FailuresPerMessage { get; } = failuresPerMessage;

    /// <summary>How many times each message id was handed to the real sender and accepted.</summary>
    public IReadOnlyDictionary<string, int> Sent => _sent;

    public int Refused { get; private set; }

    public async Task<SendOutcome> SendAsync(OutgoingEmail email, CancellationToken cancellationToken)
    {
        var attempt = _attempts.AddOrUpdate(email.MessageId, _ => 1, (_, n) => n + 1);
        if (attempt == 1)
        {
            Interlocked.Increment(ref _messages);
        }

        if (RefusedAddress is { } refused && string.Equals(email.ToAddress, refused, StringComparison.OrdinalIgnoreCase))
        {
            _refusedForGood[email.MessageId] = true;
            Refusing(email, attempt, "refused for good (400): the address");
            return new SendOutcome.Permanent("injected fault: SendGrid refused the email (400)");
        }

        if (Outage is var (from, to) && Clock.GetCurrentInstant() is var now && now >= from && now < to)
        {
            RefusedDuringOutage++;
            Refusing(email, attempt, "refused (503): the mail service is down");
            return new SendOutcome.Transient("injected fault: mail service down (503)");
        }

        if (EveryNth > 0 && email.MessageId.Sum(c => c) % EveryNth == 0 && attempt <= FailuresPerMessage)
        {
            Refused++;
            Refusing(email, attempt, "refused (503): the mail service is busy");
            return new SendOutcome.Transient("injected fault: mail service unavailable (503)");
        }

        var outcome = await inner.SendAsync(email, cancellationToken);
        if (outcome is SendOutcome.Sent)
        {
            _sent.AddOrUpdate(email.MessageId, 1, (_, n) => n + 1);
            _accepted[email.MessageId] = email;
        }

        return outcome;
    }

    /// <summary>A line of the details: when (on <see cref="Clock"/>), which message and attempt, and why; no address but the refused one's audience.</summary>
    private void Refusing(OutgoingEmail email, int attempt, string why) =>
        Details?.WriteLine($"{Clock.GetCurrentInstant():uuuu-MM-dd'T'HH:mm:ss'Z'} mail service: {email.Kind} {email.MessageId} to {email.Audience}, attempt {attempt}, {why}");
}
