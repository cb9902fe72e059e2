/**
 * `tsx bench/decisionLoadProcess.ts <base> <rule ids file> <connections> <seconds>`: autocannon
 * against a decision-time server, printing the result as one JSON line. The scale harness runs it
 * as a child process: in the harness's own process (which holds a whole large index) the load
 * generator's garbage collection shows up as the server's latency.
 */
import { readFileSync } from 'node:fs';
import { measureDecisionHttp } from './decisionBench.js';

const [base, idsFile, connections, seconds] = process.argv.slice(2);
if (!base || !idsFile || !connections || !seconds) throw new Error('usage: decisionLoadProcess.ts <base> <rule ids file> <connections> <seconds>');
const ruleIds = readFileSync(idsFile, 'utf8').split('\n').filter(Boolean);
const result = await measureDecisionHttp(base, ruleIds, { connections: Number(connections), seconds: Number(seconds) });
process.stdout.write(JSON.stringify(result) + '\n');
