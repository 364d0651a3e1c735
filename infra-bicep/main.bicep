// CpAlerts in one resource group: az deployment group create -g RG -f infra-bicep/main.bicep -p infra-bicep/main.bicepparam
targetScope = 'resourceGroup'

@description('Azure region. UK South keeps children\'s data in the UK.')
param location string = 'uksouth'

@description('Short name used in every resource name, e.g. cpalerts-e08000025.')
@minLength(3)
@maxLength(20)
param namePrefix string

@description('The council code this deployment serves (CpAlerts__CouncilCode).')
param councilCode string

@description('Email address alerts are sent from (a verified SendGrid sender).')
param fromAddress string

@description('Mailbox for findings nobody else can be found for, and undeliverable-email notices.')
param fallbackMailbox string

@description('Operator email for the dead-letter alert.')
param operatorEmail string

@description('Link to a child\'s case record, with {childId}. Empty for no links.')
param caseRecordUrlTemplate string = ''

// Bounds as the current documentation states them: "Currently the lowest maximum instance count value is 1,
// and the highest supported maximum instance count value is 1000" ("Event-driven scaling in Azure Functions",
// https://learn.microsoft.com/azure/azure-functions/event-driven-scaling#limit-scale-out). The Flex Consumption
// plan page's considerations still say the lowest is 40; the default stays 40, valid under either.
@description('Entra ID app registration (client id) for signing in to the team view; empty for no team view.')
param signInClientId string = ''

@description('The app\'s public https address (e.g. https://NAME.azurewebsites.net) for "in hand" links in emails; empty for none.')
param webBaseUrl string = ''

@description('Flex Consumption scale-out limit.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@secure()
@description('SendGrid API key; empty to add the Key Vault secret later.')
param sendGridApiKey string = ''

// Off for the demo. On: a VNet, the app integrated with it, private endpoints for storage (blob, table), Service Bus
// and Key Vault, public network access off on all three, and Service Bus Premium (README "Private networking": cost,
// deployment, and running import from inside the network). Application Insights ingestion stays public: the app
// sends with its Entra ID identity only (DisableLocalAuth), and an Azure Monitor Private Link Scope is out of scope.
@description('Private networking: VNet integration, private endpoints, no public access to data; Service Bus Premium.')
param privateNetworking bool = false

@description('Address space of the virtual network when privateNetworking is on (a /24 is enough).')
param vnetAddressPrefix string = '10.42.0.0/24'

var tags = { application: 'cpalerts', council: councilCode }
var compact = toLower(replace(namePrefix, '-', ''))
var unique = uniqueString(resourceGroup().id)

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: { location: location, namePrefix: namePrefix, operatorEmail: operatorEmail, tags: tags }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: { location: location, storageName: take('${compact}${unique}', 24), tags: tags, privateNetworking: privateNetworking }
}

module serviceBus 'modules/servicebus.bicep' = {
  name: 'servicebus'
  params: { location: location, namespaceName: '${namePrefix}-${take(unique, 6)}-bus', tags: tags, privateNetworking: privateNetworking }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: { location: location, vaultName: take('${compact}-${unique}', 24), tags: tags, sendGridApiKey: sendGridApiKey, privateNetworking: privateNetworking }
}

module network 'modules/network.bicep' = if (privateNetworking) {
  name: 'network'
  params: { location: location, namePrefix: namePrefix, tags: tags, addressPrefix: vnetAddressPrefix }
}

module privateEndpoints 'modules/privateendpoints.bicep' = if (privateNetworking) {
  name: 'privateendpoints'
  params: {
    location: location
    namePrefix: namePrefix
    tags: tags
    vnetId: network!.outputs.vnetId
    subnetId: network!.outputs.endpointsSubnetId
    storageId: storage.outputs.storageId
    serviceBusId: serviceBus.outputs.namespaceId
    vaultId: keyVault.outputs.vaultId
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  params: {
    location: location
    namePrefix: namePrefix
    tags: tags
    storageName: storage.outputs.storageName
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    tableEndpoint: storage.outputs.tableEndpoint
    serviceBusNamespace: serviceBus.outputs.fullyQualifiedNamespace
    appInsightsConnectionString: monitoring.outputs.appInsightsConnectionString
    vaultName: keyVault.outputs.vaultName
    sendGridSecretName: keyVault.outputs.sendGridSecretName
    maximumInstanceCount: maximumInstanceCount
    integrationSubnetId: privateNetworking ? network!.outputs.functionsSubnetId : ''
    councilCode: councilCode
    fromAddress: fromAddress
    fallbackMailbox: fallbackMailbox
    caseRecordUrlTemplate: caseRecordUrlTemplate
    signInClientId: signInClientId
    webBaseUrl: webBaseUrl
  }
}

module roles 'modules/roles.bicep' = {
  name: 'roles'
  params: {
    principalId: functionApp.outputs.principalId
    storageName: storage.outputs.storageName
    serviceBusName: serviceBus.outputs.namespaceName
    vaultName: keyVault.outputs.vaultName
    appInsightsName: monitoring.outputs.appInsightsName
  }
}

module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  params: {
    appName: functionApp.outputs.appName
    serviceBusName: serviceBus.outputs.namespaceName
    workspaceId: monitoring.outputs.workspaceId
    actionGroupId: monitoring.outputs.actionGroupId
    appInsightsId: monitoring.outputs.appInsightsId
    tags: tags
    councilCode: councilCode
  }
}

module workbook 'modules/workbook.bicep' = {
  name: 'workbook'
  params: { location: location, appInsightsId: monitoring.outputs.appInsightsId, tags: tags }
}

output functionAppName string = functionApp.outputs.appName
output storageAccountName string = storage.outputs.storageName
output serviceBusNamespace string = serviceBus.outputs.fullyQualifiedNamespace
output keyVaultName string = keyVault.outputs.vaultName
