/// <reference path="../../.sst/platform/config.d.ts" />
import { alarms } from '../spec.ts';

/** The same alarms as the CDK stack: API 5xx rate and DynamoDB throttling. */
export function createAlarms(api: sst.aws.ApiGatewayV2, table: sst.aws.Dynamo) {
  new aws.cloudwatch.MetricAlarm('Api5xxRate', {
    comparisonOperator: 'GreaterThanOrEqualToThreshold',
    evaluationPeriods: 1,
    threshold: alarms.api5xxRatePercent,
    treatMissingData: 'notBreaching',
    metricQueries: [
      { id: 'rate', expression: '100 * errors / MAX([requests, 1])', returnData: true },
      { id: 'errors', metric: { namespace: 'AWS/ApiGateway', metricName: '5xx', period: 300, stat: 'Sum', dimensions: { ApiId: api.nodes.api.id } } },
      { id: 'requests', metric: { namespace: 'AWS/ApiGateway', metricName: 'Count', period: 300, stat: 'Sum', dimensions: { ApiId: api.nodes.api.id } } },
    ],
  });
  new aws.cloudwatch.MetricAlarm('TableThrottles', {
    comparisonOperator: 'GreaterThanOrEqualToThreshold',
    evaluationPeriods: 1,
    threshold: alarms.throttles,
    treatMissingData: 'notBreaching',
    namespace: 'AWS/DynamoDB',
    metricName: 'ThrottledRequests',
    statistic: 'Sum',
    period: 300,
    dimensions: { TableName: table.name },
  });
}
