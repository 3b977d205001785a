import { type ChangeEvent, useRef, useState } from 'react';
import { describeError } from '../api/problem';
import type { ImportResult, ProgressDocument } from '../api/types';
import { useExportProgress, useImportProgress, useResetProgress } from '../progress/progress.queries';
import { Alert } from '../ui/alert';
import { Button } from '../ui/button';
import { ConfirmDialog } from '../ui/dialog';
import { DownloadIcon, UploadIcon } from '../ui/icons';

const MAX_IMPORT_BYTES = 2_000_000;

/** Reads a chosen file as a progress document, or says in one sentence why it is not one. */
export async function readProgressFile(
  file: Pick<File, 'size' | 'text'>,
): Promise<ProgressDocument | string> {
  if (file.size > MAX_IMPORT_BYTES) return 'This file is too large to be a Groundwork progress export.';
  try {
    const parsed: unknown = JSON.parse(await file.text());
    if (
      typeof parsed !== 'object' ||
      parsed === null ||
      !Array.isArray((parsed as ProgressDocument).entries)
    ) {
      return 'This file is JSON, but not a Groundwork progress export (it has no "entries").';
    }
    return parsed as ProgressDocument;
  } catch {
    return 'This file is not valid JSON. Choose the file that Export downloaded.';
  }
}

export function describeImport(result: ImportResult): string {
  const changed = result.created + result.updated;
  const parts = [
    changed === 0 ? 'Nothing changed: your progress was already up to date.' : `${changed} topics updated.`,
  ];
  if (result.unchanged > 0 && changed > 0) parts.push(`${result.unchanged} were already up to date.`);
  if (result.movedTopicIds.length > 0)
    parts.push(`${result.movedTopicIds.length} renamed topics were followed.`);
  if (result.unknownTopicIds.length > 0) {
    parts.push(`${result.unknownTopicIds.length} topics this roadmap does not have were left out.`);
  }
  return parts.join(' ');
}

/** Export, import and reset of the learner's progress. */
export function ProgressData() {
  const exporter = useExportProgress();
  const importer = useImportProgress();
  const reset = useResetProgress();
  const [fileError, setFileError] = useState<string | null>(null);
  const [isConfirmingReset, setIsConfirmingReset] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  const handleFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setNotice(null);
    const document = await readProgressFile(file);
    if (typeof document === 'string') return setFileError(document);
    setFileError(null);
    importer.mutate(document, { onSuccess: (result) => setNotice(describeImport(result)) });
  };

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap gap-2">
        <Button
          variant="secondary"
          icon={<DownloadIcon size={16} />}
          isLoading={exporter.isPending}
          onClick={() => exporter.mutate()}
        >
          Export as JSON
        </Button>
        <Button
          variant="secondary"
          icon={<UploadIcon size={16} />}
          isLoading={importer.isPending}
          onClick={() => fileRef.current?.click()}
        >
          Import a file
        </Button>
        <input
          ref={fileRef}
          type="file"
          accept="application/json,.json"
          className="sr-only"
          tabIndex={-1}
          aria-label="Progress file to import"
          onChange={(event) => void handleFile(event)}
        />
        <Button variant="ghostDanger" onClick={() => setIsConfirmingReset(true)}>
          Reset progress
        </Button>
      </div>
      <p className="text-sm text-fg-muted">
        Importing merges: for each topic the newer change wins, so importing the same file twice is harmless.
      </p>
      {notice && (
        <Alert tone="success" live="status">
          {notice}
        </Alert>
      )}
      {(fileError || exporter.isError || importer.isError || reset.isError) && (
        <Alert tone="danger" live="alert">
          {fileError ?? describeError(exporter.error ?? importer.error ?? reset.error)}
        </Alert>
      )}
      <ConfirmDialog
        isOpen={isConfirmingReset}
        title="Reset your progress?"
        confirmLabel="Reset progress"
        isBusy={reset.isPending}
        onCancel={() => setIsConfirmingReset(false)}
        onConfirm={() =>
          reset.mutate(undefined, {
            onSuccess: () => {
              setIsConfirmingReset(false);
              setNotice('Your progress is reset. Topics verified by projects stay verified.');
            },
          })
        }
      >
        <p>Every topic goes back to not started. Export first if you may want it back.</p>
      </ConfirmDialog>
    </div>
  );
}
