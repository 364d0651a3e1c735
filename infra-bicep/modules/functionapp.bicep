// The function app on Flex Consumption (FC1), runtime `custom`: the host starts the CpAlerts executable.
// System-assigned identity for storage, Service Bus, Key Vault and Application Insights: no keys.
param location string
param namePrefix string
param tags object
param storageName string
param deploymentContainerUrl string
param tableEndpoint string
param serviceBusNamespace string
param appInsightsConnectionString string
param vaultName string
param sendGridSecretName string
param maximumInstanceCount int
param councilCode string
param fromAddress string
param fallbackMailbox string
param caseRecordUrlTemplate string

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${namePrefix}-plan'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { name: 'FC1', tier: 'FlexConsumption' }
  properties: { reserved: true }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: '${namePrefix}-func'
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientCertEnabled: false
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: { type: 'SystemAssignedIdentity' }
        }
      }
      scaleAndConcurrency: {
        alwaysReady: []
        maximumInstanceCount: maximumInstanceCount
        // 512, 2048 or 4096; 2,048 MB is the default ("Azure Functions Flex Consumption plan hosting",
        // https://learn.microsoft.com/azure/azure-functions/flex-consumption-plan).
        instanceMemoryMB: 2048
      }
      // "custom" is the custom-handler runtime on Flex Consumption (RuntimeName: dotnet-isolated, node, java,
      // powershell, python, custom). It replaces the FUNCTIONS_WORKER_RUNTIME app setting, which Flex
      // Consumption does not take ("App settings reference", Flex Consumption plan deprecations).
      runtime: { name: 'custom', version: '1.0' }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: [
        { name: 'AzureWebJobsStorage__accountName', value: storageName }
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsightsConnectionString }
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'Authorization=AAD' }
        { name: 'ServiceBusConnection__fullyQualifiedNamespace', value: serviceBusNamespace }
        { name: 'CpAlerts__Tables__Endpoint', value: tableEndpoint }
        { name: 'CpAlerts__CouncilCode', value: councilCode }
        { name: 'CpAlerts__FallbackMailbox', value: fallbackMailbox }
        { name: 'CpAlerts__Email__FromAddress', value: fromAddress }
        { name: 'CpAlerts__Email__CaseRecordUrlTemplate', value: caseRecordUrlTemplate }
        // Until the secret exists the platform passes this text on unresolved ("If a reference isn't resolved
        // properly, the reference string is used instead", "Use Key Vault references"); serve then refuses to
        // start and names the setting.
        { name: 'CpAlerts__SendGrid__ApiKey', value: '@Microsoft.KeyVault(VaultName=${vaultName};SecretName=${sendGridSecretName})' }
      ]
    }
  }
}

// No publishing passwords: deployments use Entra ID (az functionapp deployment / OneDeploy).
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'ftp'
  properties: { allow: false }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'scm'
  properties: { allow: false }
}

output appId string = app.id
output appName string = app.name
output principalId string = app.identity.principalId
