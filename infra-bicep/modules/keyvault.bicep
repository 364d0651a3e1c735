// Key Vault in RBAC mode with purge protection: holds the SendGrid API key, read by the app's identity.
param location string
param vaultName string
param tags object

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
    publicNetworkAccess: 'Enabled'
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
