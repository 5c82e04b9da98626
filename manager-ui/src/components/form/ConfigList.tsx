import type { ComponentChildren } from 'preact';
import { ct } from '../../strings/config-a';
import { Outcome } from './Outcome';

/**
 * A configuration list screen: its title and the last save's outcome, a hint and a New button
 * above the list, and the edit form beside it while one is open (`editor`). The list is a table:
 * `head` holds its header cells, `children` its rows, whose last cell holds the row's buttons.
 * Anything after the list (a confirmation dialog) goes in `after`.
 */
export function ConfigList(props: {
  title: string;
  hint: string;
  outcome: { kind: 'ok' | 'error'; text: string } | null;
  newLabel: string;
  newAction: string;
  newDisabled: boolean;
  onNew(): void;
  editor: ComponentChildren;
  head: ComponentChildren;
  after?: ComponentChildren;
  children: ComponentChildren;
}) {
  return (
    <div class="cfg">
      <div class="cfg-head">
        <h1>{props.title}</h1>
        <Outcome result={props.outcome} />
      </div>
      <div class={props.editor ? 'cfg-split' : ''}>
        <section class="panel" aria-label={props.title}>
          <div class="panel-head">
            <p class="hint">{props.hint}</p>
            <button
              type="button"
              class="btn btn-primary"
              disabled={props.newDisabled}
              data-action={props.newAction}
              onClick={props.onNew}
            >
              {props.newLabel}
            </button>
          </div>
          <table class="grid cfg-table">
            <thead>
              <tr>
                {props.head}
                <th>
                  <span class="sr-only">{ct('edit')}</span>
                </th>
              </tr>
            </thead>
            <tbody>{props.children}</tbody>
          </table>
        </section>
        {props.editor}
      </div>
      {props.after}
    </div>
  );
}
