import * as vscode from 'vscode';
import { lazy } from '../lazy';
import type { ExtensionServices } from '../services';
import { registerTestHooks } from '../testHooks';

/**
 * The Test Explorer for request snapshots: each macro is a test file, each item of its samples a test; running one
 * compares its render with the snapshot next to the macro, as `ccmacro test` does. Only the controller, its run
 * profile and the command stubs are made at activation; listing and running load testing/index.ts on first use: when the Testing view opens, a test runs, or a snapshot command is used.
 */
export function registerTestExplorer(services: ExtensionServices): vscode.Disposable[] {
  const controller = vscode.tests.createTestController('ccmacro.snapshots', 'ccmacro request snapshots');
  const explorer = lazy(async () => (await import('../onFirstUse')).createTestExplorer(services, controller, profile));
  const profile = controller.createRunProfile(
    'Compare with snapshot',
    vscode.TestRunProfileKind.Run,
    async (request, token) => (await explorer()).run(request, token),
    true,
    undefined,
    true,
  );
  controller.resolveHandler = async item => {
    const e = await explorer();
    if (item) await e.listItems(item);
    else await e.discover();
  };
  controller.refreshHandler = async () => (await explorer()).refresh();
  return [
    controller,
    vscode.commands.registerCommand('ccmacro.updateSnapshot', async (arg: unknown) => (await explorer()).update(arg)),
    vscode.commands.registerCommand('ccmacro.openSnapshot', async (arg: unknown) => (await explorer()).open(arg)),
    {
      dispose: () =>
        void explorer().then(
          e => e.dispose(),
          () => undefined,
        ),
    },
    ...registerTestHooks(services.context, {
      snapshotTests: async () => (await explorer()).state(),
      runSnapshotTests: async (ids?: string[]) => (await explorer()).runIds(ids),
    }),
  ];
}
