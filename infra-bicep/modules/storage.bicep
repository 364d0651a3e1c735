// Storage: the records and pipeline-state tables, the host's blobs and the deployment container.
// Identity only: shared-key access is disabled, so no connection string or key exists to leak.
param location string
param storageName string
param tags object

@description('Private networking: no public network access; reached only through the private endpoints.')
param privateNetworking bool = false

var tableNames = [ 'caseload', 'staff', 'councils', 'importruns', 'findings', 'deliveries', 'sweepruns', 'acknowledgements', 'formkeys', 'outbox', 'openitems', 'staffemails' ]

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_ZRS' }
  properties: {
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    defaultToOAuthAuthentication: true
    // Private: the app reaches blobs and tables through its VNet integration and the private endpoints; nothing
    // on the internet does (operators import from inside the network: README "Private networking").
    publicNetworkAccess: privateNetworking ? 'Disabled' : 'Enabled'
    networkAcls: {
      defaultAction: privateNetworking ? 'Deny' : 'Allow'
      bypass: privateNetworking ? 'None' : 'AzureServices'
    }
  }
}

resource blobs 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    deleteRetentionPolicy: { enabled: true, days: 7 }
  }
}

resource deployments 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobs
  name: 'deployments'
  properties: { publicAccess: 'None' }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [for table in tableNames: {
  parent: tableService
  name: table
}]

output storageId string = storage.id
output storageName string = storage.name
output blobEndpoint string = storage.properties.primaryEndpoints.blob
output tableEndpoint string = storage.properties.primaryEndpoints.table
output deploymentContainerUrl string = '${storage.properties.primaryEndpoints.blob}${deployments.name}'
