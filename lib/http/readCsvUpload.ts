/**
 * Reads a multipart upload of procedures.csv and/or complications.csv with a hard byte limit, so an oversized or
 * endless body is refused as it arrives rather than after it has filled memory. A body shorter than its declared
 * length means it was cut off on the way (e.g. by a proxy's body limit) and is refused as such.
 */
import type { ImportUpload } from "@/lib/dal/csv/importRecords";
import { MAX_IMPORT_BYTES } from "@/lib/csv/import/readCsv";

/** Two files at the per-file limit, plus the multipart framing. */
export const MAX_UPLOAD_BYTES = 2 * MAX_IMPORT_BYTES + 1024 * 1024;

export type UploadResult = { ok: true; upload: ImportUpload } | { ok: false; status: 400 | 413 | 415; message: string };

/** The body's bytes, or null as soon as they pass `cap` (the rest is never read). */
export async function readCapped(body: ReadableStream<Uint8Array>, cap: number): Promise<Uint8Array | null> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > cap) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

export async function readUpload(request: Request, cap = MAX_UPLOAD_BYTES): Promise<UploadResult> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("multipart/form-data")) return { ok: false, status: 415, message: "Upload the files as a form (multipart/form-data)." };
  const declared = Number(request.headers.get("content-length") ?? NaN);
  const limit = `${Math.round(cap / 1024 / 1024)} MB`;
  if (Number.isFinite(declared) && declared > cap)
    return { ok: false, status: 413, message: `The upload is larger than ${limit}; each file may be at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB.` };
  if (!request.body) return { ok: false, status: 400, message: "The upload is empty." };
  const bytes = await readCapped(request.body, cap);
  if (!bytes) return { ok: false, status: 413, message: `The upload is larger than ${limit}; each file may be at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB.` };
  if (Number.isFinite(declared) && bytes.byteLength < declared) {
    return {
      ok: false,
      status: 413,
      message: `Only ${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB of the ${(declared / 1024 / 1024).toFixed(1)} MB upload arrived: it was cut off on the way (a proxy limit?). Nothing was imported.`,
    };
  }
  let form: FormData;
  try {
    form = await new Response(bytes as BodyInit, { headers: { "content-type": type } }).formData();
  } catch {
    return { ok: false, status: 400, message: "The upload could not be read as a form; try again. Nothing was imported." };
  }
  const upload: ImportUpload = {};
  for (const key of ["procedures", "complications"] as const) {
    const value = form.get(key);
    if (value && typeof value !== "string" && value.size > 0)
      upload[key] = { name: value.name || `${key}.csv`, bytes: new Uint8Array(await value.arrayBuffer()) };
  }
  return { ok: true, upload };
}
