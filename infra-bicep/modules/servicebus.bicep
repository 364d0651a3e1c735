// Service Bus: the sweeps fan-out, the three delivery queues/topic, duplicate detection on,
// dead-lettering on, local (SAS) auth off so only managed identities can send or receive.
param location string
param namespaceName string
param tags object

@description('Private networking: Premium, no public network access, reached only through its private endpoint.')
param privateNetworking bool = false

@description('Deliveries tried this many times go to the dead-letter queue (and raise the operator alert).')
param maxDeliveryCount int = 10

// lockDuration 5 minutes is the most Service Bus allows; the Functions host renews the lock for up to
// host.json's maxAutoLockRenewalDuration (10 minutes, = functionTimeout) while an invocation runs.
var queueProperties = {
  lockDuration: 'PT5M'
  maxDeliveryCount: maxDeliveryCount
  requiresDuplicateDetection: true
  duplicateDetectionHistoryTimeWindow: 'P1D'
  deadLetteringOnMessageExpiration: true
  defaultMessageTimeToLive: 'P14D'
}

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: namespaceName
  location: location
  tags: tags
  // Private endpoints exist only on Premium namespaces (the Service Bus team: "not planning to bring this feature to
  // the Standard tier", Azure/azure-service-bus#474). Cost: Standard is a small hourly base charge plus a charge per
  // operation (a council's few hundred messages a day cost pennies); Premium is billed per messaging unit per hour,
  // around the clock, whatever the traffic (one unit here): check the Service Bus pricing page for UK South. An
  // existing Standard namespace is not changed to Premium in place; Service Bus has a Standard-to-Premium migration.
  sku: { name: privateNetworking ? 'Premium' : 'Standard', tier: privateNetworking ? 'Premium' : 'Standard' }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: privateNetworking ? 'Disabled' : 'Enabled'
  }
}

resource queues 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' = [for queue in [ 'sweeps', 'digests', 'iha-requests', 'scorecards', 'reports' ]: {
  parent: namespace
  name: queue
  properties: queueProperties
}]

resource escalations 'Microsoft.ServiceBus/namespaces/topics@2024-01-01' = {
  parent: namespace
  name: 'escalations'
  properties: {
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: 'P1D'
    defaultMessageTimeToLive: 'P14D'
  }
}

// One subscription per reader, and only those: a subscription nobody receives from keeps its messages
// ("Expired messages are only purged and moved to the DLQ when there is at least one active receiver",
// https://learn.microsoft.com/azure/service-bus-messaging/service-bus-dead-letter-queues), so an unread
// one would fill the topic with child ids. DeliverEscalation/function.json reads 'delivery'.
resource subscriptions 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2024-01-01' = [for subscription in [ 'delivery' ]: {
  parent: escalations
  name: subscription
  properties: {
    lockDuration: 'PT5M'
    maxDeliveryCount: maxDeliveryCount
    deadLetteringOnMessageExpiration: true
    defaultMessageTimeToLive: 'P14D'
  }
}]

output namespaceId string = namespace.id
output namespaceName string = namespace.name
// serviceBusEndpoint is https://NAME.servicebus.windows.net:443/ (the cloud's own suffix, not hard-coded).
output fullyQualifiedNamespace string = split(replace(namespace.properties.serviceBusEndpoint, 'https://', ''), ':')[0]
