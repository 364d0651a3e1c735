using CpAlerts.Application.Ports;

namespace CpAlerts.Application.Delivery;

/// <summary>
/// Send: hands the email to the mail service. The one stage after which the email may have gone: an
/// exception here leaves the claim as it is, so only the lease lets a redelivery send it again.
/// </summary>
public sealed class SendEmail(IEmailSender sender) : IDeliveryStage
{
    public async Task<StageResult> RunAsync(Delivery delivery, CancellationToken cancellationToken) =>
        new StageResult.HandOn(delivery with { Outcome = await sender.SendAsync(delivery.Email ?? throw new InvalidOperationException("send before render"), cancellationToken) });
}
