// An Azure Monitor workbook over the last 30 days of the handler's OpenTelemetry metrics (Application Insights
// customMetrics): daily sweeps per council and day, sweep duration, findings, emails, imports and retention purges.
param location string
param appInsightsId string
param tags object

// London days, as the sweeps count them.
var londonDay = 'startofday(datetime_utc_to_local(timestamp, "Europe/London"))'

var charts = [
  {
    title: 'Daily sweeps completed, per council and London day (a gap is a morning without alerts)'
    visualization: 'barchart'
    query: 'customMetrics | where name == "cpalerts.sweep.completed" and tostring(customDimensions.sweep) == "daily" | summarize completed = sum(valueSum) by day = ${londonDay}, council = toupper(tostring(customDimensions.council)) | order by day asc'
  }
  {
    title: 'Sweep duration in seconds (average and longest), per sweep and day'
    visualization: 'timechart'
    query: 'customMetrics | where name == "cpalerts.sweep.duration" | summarize averageSeconds = sum(valueSum) / sum(valueCount), longestSeconds = max(valueMax) by bin(timestamp, 1d), sweep = tostring(customDimensions.sweep)'
  }
  {
    // Each daily sweep counts what it finds that day (a snapshot), and a re-run of the same day counts again: so the
    // latest London day's figure per council, rule and level (the largest of that day's runs), never a 30-day sum.
    title: 'Open findings at the latest daily sweep, by rule and level'
    visualization: 'table'
    query: 'customMetrics | where name == "cpalerts.findings" | summarize findings = max(valueSum) by day = ${londonDay}, rule = tostring(customDimensions.rule), level = tostring(customDimensions.level), council = toupper(tostring(customDimensions.council)) | summarize arg_max(day, findings) by council, rule, level | order by council asc, rule asc, level asc'
  }
  {
    title: 'Emails sent, failed and duplicate, by kind'
    visualization: 'table'
    query: 'customMetrics | where name == "cpalerts.emails" | extend kind = tostring(customDimensions.kind), outcome = tostring(customDimensions.outcome) | summarize sent = sumif(valueSum, outcome == "sent"), failed = sumif(valueSum, outcome == "failed"), duplicate = sumif(valueSum, outcome == "duplicate") by kind | order by kind asc'
  }
  {
    title: 'Records imported, rejected and removed, per council and London day'
    visualization: 'table'
    query: 'customMetrics | where name in ("cpalerts.records.imported", "cpalerts.records.rejected", "cpalerts.records.removed") | summarize imported = sumif(valueSum, name == "cpalerts.records.imported"), rejected = sumif(valueSum, name == "cpalerts.records.rejected"), removed = sumif(valueSum, name == "cpalerts.records.removed") by day = ${londonDay}, council = toupper(tostring(customDimensions.council)) | order by day desc'
  }
  {
    title: 'Imports held back (a removal larger than allowed), per council and London day'
    visualization: 'table'
    query: 'customMetrics | where name == "cpalerts.imports.held_back" | summarize heldBack = sum(valueSum) by day = ${londonDay}, council = toupper(tostring(customDimensions.council)) | order by day desc'
  }
  {
    title: 'Rows deleted by the retention purge, per table'
    visualization: 'table'
    query: 'customMetrics | where name == "cpalerts.retention.purged" | summarize purged = sum(valueSum) by table = tostring(customDimensions.table) | order by table asc'
  }
]

var content = {
  version: 'Notebook/1.0'
  items: concat(
    [
      {
        type: 1
        name: 'about'
        content: { json: '## CpAlerts: the last 30 days\nFrom the handler\'s metrics. README "What the alerts mean" says what to do when something here is wrong.' }
      }
    ],
    map(range(0, length(charts)), i => {
      type: 3
      name: 'chart-${i}'
      content: {
        version: 'KqlItem/1.0'
        title: charts[i].title
        query: charts[i].query
        queryType: 0
        resourceType: 'microsoft.insights/components'
        visualization: charts[i].visualization
        size: 0
        timeContext: { durationMs: 2592000000 } // 30 days
      }
    })
  )
  fallbackResourceIds: [ appInsightsId ]
}

// A workbook's name must be a GUID; this one is stable per Application Insights component, so redeploying updates it.
resource workbook 'Microsoft.Insights/workbooks@2023-06-01' = {
  name: guid(appInsightsId, 'cpalerts-workbook')
  location: location
  tags: tags
  kind: 'shared'
  properties: {
    displayName: 'CpAlerts operations'
    category: 'workbook'
    sourceId: appInsightsId
    version: 'Notebook/1.0'
    serializedData: string(content)
  }
}
