// Diagnostics to Log Analytics; alerts to the operator when anything is dead-lettered (per queue or topic), when
// the handler logs a configuration error or a rejected message, when a council's daily sweep has not completed by
// 07:30 London, when an email is recorded as failed, and when an import rejected rows or was held back. What each
// means and what to do: README "What the alerts mean". The last three read the handler's OpenTelemetry metrics,
// which the Azure Monitor exporter writes to Application Insights' customMetrics (name = instrument name,
// customDimensions = attributes, valueSum/valueCount per export interval).
param appName string
param serviceBusName string
param appInsightsId string
param workspaceId string
param actionGroupId string
param tags object
@description('The council this deployment serves: its daily sweep is expected even after a long outage.')
param councilCode string

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
    description: 'A CpAlerts message was dead-lettered: an alert or notification may not have been delivered. See README "What the alerts mean".'
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

// The handler writes these lines to stderr, which the host sends to Application Insights as traces: a configuration
// error (e.g. the mail service refused the key: nothing can be sent) or a message rejected as unreadable. A delivery
// recorded as failed has its own alert below (deliveryFailed, from the emails metric, which names the kind of email),
// so it is not matched here too. Stateless, so every 15 minutes with any such line notifies again.
resource handlerErrors 'Microsoft.Insights/scheduledQueryRules@2021-08-01' = {
  name: '${appName}-delivery-errors'
  location: resourceGroup().location
  tags: tags
  kind: 'LogAlert'
  properties: {
    description: 'CpAlerts cannot deliver: the configuration is wrong (e.g. the SendGrid key) or a message was rejected. See README "What the alerts mean".'
    severity: 1
    enabled: true
    scopes: [ appInsightsId ]
    evaluationFrequency: 'PT15M'
    windowSize: 'PT15M'
    autoMitigate: false
    criteria: {
      allOf: [
        {
          query: 'traces | where message has_any ("configuration error", "message rejected")'
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

// The daily sweep runs at 06:00 London every day (timer at 05:00 and 06:00 UTC; the handler skips the hour that is not
// 06:00 London). A rule cannot start at a time of day, so it runs every 15 minutes and the query is true only from
// 07:30 London (datetime_utc_to_local follows BST and GMT) for each council with no completed daily sweep on today's
// London date. Councils expected: those that completed one in the query's time range and the council this deployment
// serves. Log search alerts scan at most two days whatever the query says, so a council other than the deployment's
// own drops out after two days without a sweep (the deployment's own keeps firing every day).
// Stateful with a council dimension: fires once per council and day, stays fired (no repeat emails) while the sweep
// is missing, and resolves itself when the sweep completes or at London midnight, when the query is false until 07:30.
var dailySweepQuery = replace('''
let zone = "Europe/London";
let londonNow = datetime_utc_to_local(now(), zone);
let londonToday = startofday(londonNow);
customMetrics
| where name == "cpalerts.sweep.completed" and tostring(customDimensions.sweep) == "daily" and valueSum > 0
| extend council = toupper(tostring(customDimensions.council)), londonDay = startofday(datetime_utc_to_local(timestamp, zone))
| summarize lastCompleted = max(londonDay) by council
| union (print council = "__COUNCIL__", lastCompleted = datetime(null))
| summarize lastCompleted = max(lastCompleted) by council
| where londonNow >= londonToday + 7h + 30m
| where isnull(lastCompleted) or lastCompleted < londonToday
| project council, lastCompleted
''', '__COUNCIL__', toUpper(councilCode))

resource dailySweepMissing 'Microsoft.Insights/scheduledQueryRules@2021-08-01' = {
  name: '${appName}-daily-sweep-missing'
  location: resourceGroup().location
  tags: tags
  kind: 'LogAlert'
  properties: {
    description: 'A council\'s daily sweep has not completed by 07:30 London: today\'s alerts to social workers have not gone out. See README "What the alerts mean".'
    severity: 1
    enabled: true
    scopes: [ appInsightsId ]
    evaluationFrequency: 'PT15M'
    windowSize: 'PT15M'
    overrideQueryTimeRange: 'P2D'
    autoMitigate: true
    criteria: {
      allOf: [
        {
          query: dailySweepQuery
          timeAggregation: 'Count'
          dimensions: [ { name: 'council', operator: 'Include', values: [ '*' ] } ]
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 }
        }
      ]
    }
    actions: { actionGroups: [ actionGroupId ] }
  }
}

// An email recorded as failed (a refused address: the fallback mailbox was sent an undeliverable notice), per kind
// of email. Stateless: each 15 minutes with a failure notifies again.
resource deliveryFailed 'Microsoft.Insights/scheduledQueryRules@2021-08-01' = {
  name: '${appName}-delivery-failed'
  location: resourceGroup().location
  tags: tags
  kind: 'LogAlert'
  properties: {
    description: 'An email was recorded as failed (the address was refused); the fallback mailbox has an undeliverable notice. See README "What the alerts mean".'
    severity: 2
    enabled: true
    scopes: [ appInsightsId ]
    evaluationFrequency: 'PT15M'
    windowSize: 'PT15M'
    autoMitigate: false
    criteria: {
      allOf: [
        {
          query: '''
customMetrics
| where name == "cpalerts.emails" and tostring(customDimensions.outcome) == "failed"
| extend kind = tostring(customDimensions.kind)
| summarize failed = sum(valueSum) by kind
| where failed > 0
'''
          timeAggregation: 'Total'
          metricMeasureColumn: 'failed'
          dimensions: [ { name: 'kind', operator: 'Include', values: [ '*' ] } ]
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 }
        }
      ]
    }
    actions: { actionGroups: [ actionGroupId ] }
  }
}

// An import that rejected rows (the good rows were written; the bad ones were not) or was held back (a removal larger
// than allowed: nothing was removed), per council. Stateless: each import with a problem notifies.
resource importProblems 'Microsoft.Insights/scheduledQueryRules@2021-08-01' = {
  name: '${appName}-import-problems'
  location: resourceGroup().location
  tags: tags
  kind: 'LogAlert'
  properties: {
    description: 'An import rejected rows or was held back: some children\'s records are missing or out of date until the export is fixed. See README "What the alerts mean".'
    severity: 2
    enabled: true
    scopes: [ appInsightsId ]
    evaluationFrequency: 'PT15M'
    windowSize: 'PT15M'
    autoMitigate: false
    criteria: {
      allOf: [
        {
          query: '''
customMetrics
| where name in ("cpalerts.records.rejected", "cpalerts.imports.held_back")
| extend council = toupper(tostring(customDimensions.council))
| summarize rejected = sumif(valueSum, name == "cpalerts.records.rejected"), heldBack = sumif(valueSum, name == "cpalerts.imports.held_back") by council
| extend problems = rejected + heldBack
| where problems > 0
'''
          timeAggregation: 'Total'
          metricMeasureColumn: 'problems'
          dimensions: [ { name: 'council', operator: 'Include', values: [ '*' ] } ]
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 }
        }
      ]
    }
    actions: { actionGroups: [ actionGroupId ] }
  }
}
