// The example council with private networking on (README "Private networking"): compiled and linted by
// scripts/bicep.sh like main.bicepparam, and read by the infrastructure tests.
using 'main.bicep'

param location = 'uksouth'
param namePrefix = 'cpalerts-demo'
param councilCode = 'DEMO'
param fromAddress = 'cpalerts@council.example'
param fallbackMailbox = 'cpalerts-fallback@council.example'
param operatorEmail = 'cpalerts-operators@council.example'
param caseRecordUrlTemplate = 'https://case-records.council.example/children/{childId}'
param maximumInstanceCount = 40
param signInClientId = ''
param webBaseUrl = 'https://cpalerts-demo-func.azurewebsites.net'
param privateNetworking = true
param vnetAddressPrefix = '10.42.0.0/24'
