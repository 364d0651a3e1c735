// Private endpoints, each with its private DNS zone linked to the virtual network, so the usual names
// (ACCOUNT.blob.core.windows.net, NS.servicebus.windows.net, VAULT.vault.azure.net) resolve to private
// addresses inside the network and the app's settings stay as they are.
param location string
param namePrefix string
param tags object
param vnetId string
param subnetId string
param storageId string
param serviceBusId string
param vaultId string

// Blob: the host's leases and the deployment package; table: records and pipeline state. No queue or file
// endpoint: the host uses queues only for Durable Functions and a few bindings (none here: timers and Service
// Bus), and Flex Consumption runs the package from the blob container, not an Azure Files share. Service Bus
// has no environment() suffix; its privatelink zone is the public cloud's.
var targets = [
  { name: 'blob', groupId: 'blob', resourceId: storageId, zone: 'privatelink.blob.${environment().suffixes.storage}' }
  { name: 'table', groupId: 'table', resourceId: storageId, zone: 'privatelink.table.${environment().suffixes.storage}' }
  { name: 'bus', groupId: 'namespace', resourceId: serviceBusId, zone: 'privatelink.servicebus.windows.net' }
  { name: 'vault', groupId: 'vault', resourceId: vaultId, zone: 'privatelink${environment().suffixes.keyvaultDns}' }
]

resource zones 'Microsoft.Network/privateDnsZones@2020-06-01' = [for target in targets: {
  name: target.zone
  location: 'global'
  tags: tags
}]

resource links 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01' = [for (target, i) in targets: {
  parent: zones[i]
  name: '${namePrefix}-vnet'
  location: 'global'
  tags: tags
  properties: {
    registrationEnabled: false
    virtualNetwork: { id: vnetId }
  }
}]

resource endpoints 'Microsoft.Network/privateEndpoints@2024-05-01' = [for target in targets: {
  name: '${namePrefix}-pe-${target.name}'
  location: location
  tags: tags
  properties: {
    subnet: { id: subnetId }
    privateLinkServiceConnections: [
      {
        name: target.name
        properties: {
          privateLinkServiceId: target.resourceId
          groupIds: [ target.groupId ]
        }
      }
    ]
  }
}]

resource zoneGroups 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01' = [for (target, i) in targets: {
  parent: endpoints[i]
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [ { name: target.name, properties: { privateDnsZoneId: zones[i].id } } ]
  }
}]
