import "server-only";
import { notFound } from "next/navigation";
import { ForbiddenError } from "@/lib/dal/errors";

/**
 * Loads an admin screen's data through the DAL, which refuses every non-admin. A refusal becomes a plain
 * 404, so the admin screens do not even confirm that they exist to other roles.
 */
export async function adminOnly<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof ForbiddenError) notFound();
    throw error;
  }
}
