// Diagnostics to Log Analytics; alerts to the operator when anything is dead-lettered (per queue or
// topic) and when the handler logs a delivery that failed, a configuration error or a rejected message.
param appName string
param serviceBusName string
param appInsightsId string
param workspaceId string
param actionGroupId string
param tags object

resource app 'Microsoft.Web/sites@2024-04-01' existing = {
  name: appName
}

resource serviceBus 'Microsoft.ServiceBus/namespaces@2024-01-01' existing = {
  name: serviceBusName
}

resource appDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: app
  name: 'to-log-analytics'
  properties: {
    workspaceId: workspaceId
    logs: [ { category: 'FunctionAppLogs', enabled: true } ]
    metrics: [ { category: 'AllMetrics', enabled: true } ]
  }
}

resource busDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: serviceBus
  name: 'to-log-analytics'
  properties: {
    workspaceId: workspaceId
    logs: [ { categoryGroup: 'allLogs', enabled: true } ]
    metrics: [ { category: 'AllMetrics', enabled: true } ]
  }
}

resource deadLetters 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: '${serviceBusName}-dead-letters'
  location: 'global'
  tags: tags
  properties: {
    description: 'A CpAlerts message was dead-lettered: an alert or notification may not have been delivered. See README "Dead-letters".'
    severity: 1
    enabled: true
    scopes: [ serviceBus.id ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    // Stateful: fires once per entity, resolves when that entity's dead-letter count is back to zero
    // (the operator replayed or removed the messages) and then fires again on the next one. "The
    // default is true" (metricAlerts template reference); written out because the re-arming relies on it.
    autoMitigate: true
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          name: 'dead-lettered'
          criterionType: 'StaticThresholdCriterion'
          metricNamespace: 'Microsoft.ServiceBus/namespaces'
          metricName: 'DeadletteredMessages'
          operator: 'GreaterThan'
          threshold: 0
          timeAggregation: 'Maximum'
          // One time series per queue or topic, including ones added later, so a message left in one
          // dead-letter queue does not silence the others ("Monitor multiple time series in a single
          // metric alert rule", https://learn.microsoft.com/azure/azure-monitor/alerts/alerts-metric-multiple-time-series-single-rule).
          dimensions: [ { name: 'EntityName', operator: 'Include', values: [ '*' ] } ]
        }
      ]
    }
    actions: [ { actionGroupId: actionGroupId } ]
  }
}

// The handler writes these lines to stderr, which the host sends to Application Insights as traces:
// a delivery recorded as failed (the fallback mailbox is told too), a configuration error (e.g. the mail
// service refused the key: nothing can be sent), a message rejected as unreadable. Stateless, so every
// 15 minutes with any such line notifies again.
resource handlerErrors 'Microsoft.Insights/scheduledQueryRules@2021-08-01' = {
  name: '${appName}-delivery-errors'
  location: resourceGroup().location
  tags: tags
  kind: 'LogAlert'
  properties: {
    description: 'CpAlerts could not deliver: a delivery failed, the configuration is wrong, or a message was rejected. See README "When something fails".'
    severity: 1
    enabled: true
    scopes: [ appInsightsId ]
    evaluationFrequency: 'PT15M'
    windowSize: 'PT15M'
    autoMitigate: false
    criteria: {
      allOf: [
        {
          query: 'traces | where message has_any ("delivery failed", "configuration error", "message rejected")'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 }
        }
      ]
    }
    actions: { actionGroups: [ actionGroupId ] }
  }
}
