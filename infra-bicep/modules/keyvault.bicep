// Key Vault in RBAC mode with purge protection: holds the SendGrid API key, read by the app's identity.
param location string
param vaultName string
param tags object

@description('Private networking: no public network access; reached only through its private endpoint.')
param privateNetworking bool = false

@secure()
@description('SendGrid API key. Leave empty to set the secret later (README: "Granting the SendGrid secret").')
param sendGridApiKey string = ''

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: vaultName
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enablePurgeProtection: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    // The firewall filters the data plane only: a secret written by a deployment (sendGridApiKey) still arrives
    // through Azure Resource Manager; `az keyvault secret set` must then run from inside the network.
    publicNetworkAccess: privateNetworking ? 'Disabled' : 'Enabled'
    networkAcls: {
      defaultAction: privateNetworking ? 'Deny' : 'Allow'
      bypass: privateNetworking ? 'None' : 'AzureServices'
    }
  }
}

resource sendGridSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(sendGridApiKey)) {
  parent: vault
  name: 'sendgrid-api-key'
  properties: {
    value: sendGridApiKey
    contentType: 'SendGrid API key'
  }
}

output vaultId string = vault.id
output vaultName string = vault.name
output sendGridSecretName string = 'sendgrid-api-key'
