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
@description('Subnet (delegated to Microsoft.App/environments) for VNet integration; empty: none (public networking).')
param integrationSubnetId string = ''
@description('Entra ID app registration (client id) people sign in to the team view with; empty: no team view.')
param signInClientId string
@description('The app\'s public https address for the links in emails; empty: no links.')
param webBaseUrl string

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
  // azd finds the app to deploy to by this tag, equal to the service name in azure.yaml ("azd-service-name",
  // https://learn.microsoft.com/azure/developer/azure-developer-cli/azd-schema: resourceName).
  tags: union(tags, { 'azd-service-name': 'cpalerts' })
  kind: 'functionapp,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientCertEnabled: false
    // Outbound through the VNet, so storage, Service Bus and Key Vault resolve to their private endpoints. Deployment
    // also goes this way: `config-zip` / azd POST the package to the app's publish endpoint, and the platform writes it
    // to the deployment container with the app's identity (README "Private networking").
    virtualNetworkSubnetId: empty(integrationSubnetId) ? null : integrationSubnetId
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
        // The team view trusts App Service authentication's X-MS-CLIENT-PRINCIPAL header only with sign-in "platform",
        // and the handler refuses that unless the platform says authentication is on (WEBSITE_AUTH_ENABLED).
        { name: 'CpAlerts__Web__SignIn', value: empty(signInClientId) ? 'off' : 'platform' }
        { name: 'CpAlerts__Web__BaseUrl', value: webBaseUrl }
        // Until the secret exists the platform passes this text on unresolved ("If a reference isn't resolved
        // properly, the reference string is used instead", "Use Key Vault references"); serve then refuses to
        // start and names the setting.
        { name: 'CpAlerts__SendGrid__ApiKey', value: '@Microsoft.KeyVault(VaultName=${vaultName};SecretName=${sendGridSecretName})' }
      ]
    }
  }
}

// Built-in authentication (Easy Auth) with Microsoft Entra ID in front of the team view: a browser that is not
// signed in is sent to sign-in before any request reaches the app; only HTTP requests pass through it, so the timer
// and Service Bus functions, which the host starts itself, are unaffected ("Authentication and authorization in Azure
// App Service and Azure Functions": "every incoming HTTP request passes through it"). Flex Consumption's preview
// documentation said EasyAuth was not supported and did not block unauthenticated callers; that sentence is gone from
// the current plan page and the Consumption-to-Flex migration guide says to recreate built-in authentication in the
// new app. README's runbook has the check to make after every deployment: an unauthenticated request must be
// redirected to sign-in (302), never answered. No client secret: ID tokens are issued to the registration (implicit
// grant for ID tokens on), so there is no secret to store or rotate.
resource auth 'Microsoft.Web/sites/config@2024-04-01' = if (!empty(signInClientId)) {
  parent: app
  name: 'authsettingsV2'
  properties: {
    platform: { enabled: true }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'RedirectToLoginPage'
      redirectToProvider: 'azureactivedirectory'
    }
    httpSettings: { requireHttps: true }
    login: { tokenStore: { enabled: false } }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: signInClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
        }
        validation: { allowedAudiences: [ signInClientId, 'api://${signInClientId}' ] }
      }
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
