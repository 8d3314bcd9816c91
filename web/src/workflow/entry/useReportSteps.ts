// The steps after the form is filled (the officer submits; the Sở approves, returns, reopens): which
// step's confirmation is open, the line shown once it is done, and the write itself
// (submissionMutations.step, which also refreshes what the step changes).
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import type { SubmissionOut } from '@nq57/shared/schemas';
import { submissionMutations, type StepVariables } from '../../api/mutations';
import type { SubmissionStep } from '../../api/paths';
import { tw } from '../../i18n/workflow';
import { firstProblem, type Readiness } from './model';

interface Args {
  period: string;
  commune: string;
  sub: SubmissionOut | undefined;
  ready: Readiness | null;
  /** saves what is on screen; true when the server holds all of it */
  flush: () => Promise<boolean>;
  /** the version that last save made */
  currentVersion: () => number | undefined;
}

const DONE: Record<SubmissionStep, string> = {
  submit: tw.entry.submitted,
  approve: tw.entry.approved,
  return: tw.entry.returned,
  reopen: tw.entry.reopened,
};

export function useReportSteps({ period, commune, sub, ready, flush, currentVersion }: Args) {
  /** the step whose confirmation is open */
  const [action, setAction] = useState<SubmissionStep | null>(null);
  /** "Nộp báo cáo" was pressed while errors or unexplained warnings remain */
  const [blocked, setBlocked] = useState(false);
  const [flash, setFlash] = useState<string | null>(null);

  const write = useMutation(
    submissionMutations.step(period, commune, {
      // everything on screen must be on the server before it is submitted
      beforeSubmit: async () => {
        const saved = await flush();
        if (!saved) throw new Error(tw.entry.submitBlocked);
        return { version: currentVersion() };
      },
    }),
  );

  /** the review buttons (approve, return, reopen): their confirmation, with no earlier error */
  const ask = (step: SubmissionStep) => {
    write.reset();
    setAction(step);
  };

  /** "Nộp báo cáo": the confirmation when the form may go, else the first problem in focus */
  const askSubmit = () => {
    write.reset();
    if (!ready?.ok) {
      setBlocked(true);
      const target = ready ? firstProblem(ready) : null;
      if (target) document.getElementById(target)?.focus();
      return;
    }
    setBlocked(false);
    setAction('submit');
  };

  /** the confirmation's "yes", with the comment or reason typed in it */
  const confirm = (text: string) => {
    if (!action) return;
    const step = action;
    const vars: StepVariables =
      step === 'submit'
        ? { step, body: {} } // the version is the one the save before it made (beforeSubmit)
        : step === 'approve'
          ? // the version the admin is looking at: approving a form that changed meanwhile is a 409
            { step, body: { version: sub?.version } }
          : step === 'return'
            ? { step, body: { comment: text } }
            : { step, body: { reason: text } };
    write.mutate(vars, {
      onSuccess: () => {
        setFlash(DONE[step]);
        setAction(null);
        window.scrollTo({ top: 0 });
      },
    });
  };

  return {
    action,
    blocked,
    flash,
    busy: write.isPending,
    error: write.error?.message ?? null,
    ask,
    askSubmit,
    confirm,
    cancel: () => setAction(null),
  };
}
