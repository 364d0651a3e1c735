// Service Bus: the sweeps fan-out, the three delivery queues/topic, duplicate detection on,
// dead-lettering on, local (SAS) auth off so only managed identities can send or receive.
param location string
param namespaceName string
param tags object

@description('Deliveries tried this many times go to the dead-letter queue (and raise the operator alert).')
param maxDeliveryCount int = 10

var queueProperties = {
  lockDuration: 'PT5M'
  maxDeliveryCount: maxDeliveryCount
  requiresDuplicateDetection: true
  duplicateDetectionHistoryTimeWindow: 'P1D'
  deadLetteringOnMessageExpiration: true
  defaultMessageTimeToLive: 'P14D'
}

resource namespace 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' = {
  name: namespaceName
  location: location
  tags: tags
  sku: { name: 'Standard', tier: 'Standard' }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
  }
}

resource queues 'Microsoft.ServiceBus/namespaces/queues@2022-10-01-preview' = [for queue in [ 'sweeps', 'digests', 'iha-requests', 'scorecards' ]: {
  parent: namespace
  name: queue
  properties: queueProperties
}]

resource escalations 'Microsoft.ServiceBus/namespaces/topics@2022-10-01-preview' = {
  parent: namespace
  name: 'escalations'
  properties: {
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: 'P1D'
    defaultMessageTimeToLive: 'P14D'
  }
}

resource subscriptions 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2022-10-01-preview' = [for subscription in [ 'delivery', 'audit' ]: {
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
