// Private networking (main.bicep's privateNetworking): one virtual network with a subnet the function app
// integrates with and a subnet for the private endpoints of storage, Service Bus and Key Vault.
param location string
param namePrefix string
param tags object

@description('The virtual network\'s address space; a /24 is split into the two subnets below.')
param addressPrefix string

// Flex Consumption integrates with a subnet delegated to Microsoft.App/environments, not Microsoft.Web/serverFarms
// ("The subnet delegation required by Flex Consumption apps is Microsoft.App/environments", Flex Consumption plan,
// Considerations; the Microsoft.App resource provider must be registered in the subscription). Each instance takes
// an address: the /25 (123 usable) covers the default 40 instances with room for scale-out during a deployment.
var functionsSubnet = 'functions'
var endpointsSubnet = 'private-endpoints'

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: '${namePrefix}-vnet'
  location: location
  tags: tags
  properties: {
    addressSpace: { addressPrefixes: [ addressPrefix ] }
    subnets: [
      {
        name: functionsSubnet
        properties: {
          addressPrefix: cidrSubnet(addressPrefix, 25, 0)
          delegations: [ { name: 'flex-consumption', properties: { serviceName: 'Microsoft.App/environments' } } ]
        }
      }
      {
        name: endpointsSubnet
        properties: {
          addressPrefix: cidrSubnet(addressPrefix, 26, 2)
          privateEndpointNetworkPolicies: 'Disabled'
        }
      }
    ]
  }
}

output vnetId string = vnet.id
output functionsSubnetId string = resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, functionsSubnet)
output endpointsSubnetId string = resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, endpointsSubnet)
