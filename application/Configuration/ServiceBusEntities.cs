using NodaTime;

namespace CpAlerts.Application.Configuration;

/// <summary>What infra-bicep/modules/servicebus.bicep sets on every queue and topic that the code relies on (InfrastructureTests pins both).</summary>
public static class ServiceBusEntities
{
    /// <summary>
    /// duplicateDetectionHistoryTimeWindow ('P1D'): a message id seen on an entity within it is accepted and dropped
    /// ("Duplicate detection"), which drops a second schedule of a retry copy and a resubmit with the original id.
    /// </summary>
    public static readonly Duration DuplicateDetectionWindow = Duration.FromDays(1);
}
