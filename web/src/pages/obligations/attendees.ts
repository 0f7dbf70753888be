/** "张三，信息中心" per line → { name, department }; a line without a department has null. */
export function parseAttendees(text: string): { name: string; department: string | null }[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((line) => {
      const [name = '', ...rest] = line.split(/[,，、\t]/);
      const department = rest.join(' ').trim();
      return {
        name: name.trim().slice(0, 100),
        department: department ? department.slice(0, 100) : null,
      };
    })
    .filter((a) => a.name.length > 0);
}
