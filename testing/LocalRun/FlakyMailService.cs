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

    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _sent = new(StringComparer.Ordinal);
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
            return new SendOutcome.Permanent("injected fault: SendGrid refused the email (400)");
        }

        if (Outage is var (from, to) && Clock.GetCurrentInstant() is var now && now >= from && now < to)
        {
            RefusedDuringOutage++;
            return new SendOutcome.Transient("injected fault: mail service down (503)");
        }

        if (EveryNth > 0 && email.MessageId.Sum(c => c) % EveryNth == 0 && attempt <= FailuresPerMessage)
        {
            Refused++;
            return new SendOutcome.Transient("injected fault: mail service unavailable (503)");
        }

        var outcome = await inner.SendAsync(email, cancellationToken);
        if (outcome is SendOutcome.Sent)
        {
            _sent.AddOrUpdate(email.MessageId, 1, (_, n) => n + 1);
        }

        return outcome;
    }
}
