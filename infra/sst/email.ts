/// <reference path="../../.sst/platform/config.d.ts" />
import { email } from '../spec.ts';
import { functionArgs } from './function.ts';

/**
 * E-mail through SES: the sending identity and configuration set (sst.aws.Email), whose
 * events go to an SNS topic the mailEvents function subscribes to. Functions are granted
 * sending through their wiring (not `link`, which grants every SES action).
 */
export function createEmail(table: sst.aws.Dynamo) {
  const topic = new sst.aws.SnsTopic('MailEvents');
  const ses = new sst.aws.Email('Email', {
    sender: process.env[email.senderFromDeployer] ?? email.defaultSender,
    events: [{ name: 'ToMailEvents', types: [...email.events], topic: topic.arn }],
  });
  topic.subscribe('MailEventsHandler', functionArgs('mailEvents', { table }));
  return { sender: ses.sender, configurationSet: ses.configSet, identityArn: ses.nodes.identity.arn, configurationSetArn: ses.nodes.configurationSet.arn };
}
