import { format, resolveConfig } from 'prettier';
import { renderDataModel } from './data-model.ts';

/** The generated doc as `prettier --check` expects it, with the repository's Prettier settings. */
export async function formattedDataModel(filepath: string): Promise<string> {
  const config = (await resolveConfig(filepath)) ?? {};
  return format(renderDataModel(), { ...config, filepath });
}
