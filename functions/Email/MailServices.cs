using CpAlerts.Functions.Configuration;
using CpAlerts.Functions.Ports;

namespace CpAlerts.Functions.Email;

/// <summary>The configured mail service: SendGrid with its key, or the outbox folder for local runs.</summary>
public static class MailServices
{
    public static IEmailSender Create(MailServiceOptions options, DeliverySettings delivery) => options.SendGrid is { } sendGrid
        ? SendGridEmailSender.Create(sendGrid.ApiKey, delivery.FromAddress, delivery.FromName, sendGrid.Host, sendGrid.Timeout)
        : new OutboxEmailSender(options.OutboxFolder!, delivery.FromAddress, delivery.FromName);
}
