using CpAlerts.Application.Ports;

namespace CpAlerts.Application.Delivery;

/// <summary>
/// One step of an email's way out (as Alertmanager's notify pipeline has them): it either hands the
/// delivery on, with what it added, or ends it with a result. A new step — quiet hours, another channel —
/// is one new class, added where the pipeline is composed (<see cref="DeliveryPipeline.Standard"/>).
/// </summary>
public interface IDeliveryStage
{
    Task<StageResult> RunAsync(Delivery delivery, CancellationToken cancellationToken);
}

/// <summary>One message on its way out, and what the stages so far have found: the address, the claim, the email, the send's outcome.</summary>
public sealed record Delivery(DeliveryEnvelope Envelope)
{
    public (string Email, string Name)? Address { get; init; }

    public DeliveryClaim? Claim { get; init; }

    public OutgoingEmail? Email { get; init; }

    public SendOutcome? Outcome { get; init; }
}

/// <summary>What a stage decided: go on with this delivery, or stop with this result.</summary>
public abstract record StageResult
{
    public sealed record HandOn(Delivery Delivery) : StageResult;

    public sealed record Done(DeliveryResult Result) : StageResult;
}
