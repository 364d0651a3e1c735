using Azure.Identity;
using Azure.Messaging.ServiceBus;
using CpAlerts.Application.Ports;

namespace CpAlerts.Adapters.ServiceBus;

/// <summary>
/// Schedules retry copies on Service Bus with the SDK, which the host's output bindings cannot do (they set the body
/// only: no message id, no scheduled enqueue time). One <see cref="ServiceBusClient"/> per process, made on the first
/// retry (nothing at start-up: cold start), signed in as the app's managed identity; one sender per entity, kept.
/// The entities have duplicate detection on (infra-bicep/modules/servicebus.bicep), so scheduling the same attempt
/// twice — an invocation whose answer was lost and ran again — leaves one copy: "If a message with the same MessageId
/// is sent … within the duplicate detection window, it is accepted and dropped" ("Duplicate detection").
/// </summary>
public sealed class ServiceBusRetries(Func<ServiceBusClient> connect) : IRetryScheduler, IAsyncDisposable
{
    private readonly Lazy<ServiceBusClient> _client = new(connect);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ServiceBusSender> _senders = new(StringComparer.Ordinal);

    /// <summary>
    /// The client for the namespace the host's own bindings use (`ServiceBusConnection__fullyQualifiedNamespace`),
    /// with the app's managed identity: system-assigned, or the user-assigned one named by `ServiceBusConnection__clientId`
    /// (the host's identity-based connection settings, "Azure Functions: connections: identity-based connections").
    /// </summary>
    public static ServiceBusRetries ForNamespace(string fullyQualifiedNamespace, string? clientId) =>
        new(() => new ServiceBusClient(fullyQualifiedNamespace, Credential(clientId)));

    public async Task ScheduleAsync(ScheduledRetry retry, CancellationToken cancellationToken)
    {
        var message = new ServiceBusMessage(BinaryData.FromString(retry.Body))
        {
            MessageId = retry.MessageId,
            ContentType = "application/json",
            ApplicationProperties = { [IRetryScheduler.AttemptProperty] = retry.Attempt },
        };
        try
        {
            var sender = _senders.GetOrAdd(retry.Entity, entity => _client.Value.CreateSender(entity));
            await sender.ScheduleMessageAsync(message, retry.EnqueueAt.ToDateTimeOffset(), cancellationToken);
        }
        catch (ServiceBusException e)
        {
            throw new RetrySchedulingException($"Service Bus refused the schedule: {e.Reason}", e);
        }
        catch (AuthenticationFailedException e)
        {
            throw new RetrySchedulingException("could not sign in to Service Bus with the app's managed identity", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new RetrySchedulingException("Service Bus refused the app's identity: give it the Azure Service Bus Data Sender role on the namespace", e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsValueCreated)
        {
            await _client.Value.DisposeAsync();
        }
    }

    private static ManagedIdentityCredential Credential(string? clientId) =>
        clientId is { Length: > 0 } id ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(id)) : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
}

/// <summary>Where no namespace is configured (a workstation without Service Bus): every schedule fails, and says what to set.</summary>
public sealed class NoRetryScheduler : IRetryScheduler
{
    public Task ScheduleAsync(ScheduledRetry retry, CancellationToken cancellationToken) =>
        throw new RetrySchedulingException("configuration error: ServiceBusConnection__fullyQualifiedNamespace is not set, so a failed email cannot be tried again later");
}
