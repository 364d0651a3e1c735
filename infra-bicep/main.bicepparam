// Example parameters for one council; copy and edit. The SendGrid key is never written here:
// add it to Key Vault afterwards (README: "Granting the SendGrid secret").
using 'main.bicep'

param location = 'uksouth'
param namePrefix = 'cpalerts-demo'
param councilCode = 'DEMO'
param fromAddress = 'cpalerts@council.example'
param fallbackMailbox = 'cpalerts-fallback@council.example'
param operatorEmail = 'cpalerts-operators@council.example'
param caseRecordUrlTemplate = 'https://case-records.council.example/children/{childId}'
param maximumInstanceCount = 40
// The team view: the Entra ID app registration people sign in with, and the app's address for links in emails.
// Empty: no team view. Set it to the client id of the app registration your Entra ID administrator made (ID tokens on).
param signInClientId = ''
param webBaseUrl = 'https://cpalerts-demo-func.azurewebsites.net'
