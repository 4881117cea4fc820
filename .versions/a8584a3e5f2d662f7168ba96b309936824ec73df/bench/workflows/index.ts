/** The benchmark's own workflows (workflowsPath of the baseline worker); never part of Jiebang's bundle. */
export { outcomeSinkWorkflow } from './outcome-sink.workflow';
