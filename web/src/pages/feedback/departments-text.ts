/** "心内科一病区 xnk@hospital.cn" per line: the department, and its address when one is given. */
export function departmentsOf(text: string): { name: string; email?: string }[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const m = /^(.*\S)\s+(\S+@\S+)$/.exec(line);
      return m ? { name: (m[1] as string).trim(), email: m[2] as string } : { name: line };
    });
}
