import type { Widen } from './messages.ts';

/** Texts of 扫码报修: the form a department's QR poster opens on a phone. */
export const qrZh = {
  qrReport: {
    title: '扫码报修',
    hospital: '医院',
    department: '科室',
    campus: '院区',
    name: '您的姓名',
    phone: '联系电话',
    phoneHelp: '工程师会打这个电话联系您',
    description: '故障描述',
    descriptionHelp: '哪台电脑、哪个系统、出现了什么提示',
    submit: '提交报修',
    done: '报修已提交',
    doneNumber: (n: string) => `工单号 ${n}，工程师会尽快与您联系。`,
    again: '再报一个',
    required: '必填',
    stopped: '该报修二维码已停用，请联系医院信息中心或拨打报修电话。',
  },
};

export const qrEn: Widen<typeof qrZh> = {
  qrReport: {
    title: 'Report a fault',
    hospital: 'Hospital',
    department: 'Department',
    campus: 'Campus',
    name: 'Your name',
    phone: 'Phone',
    phoneHelp: 'The engineer calls you on this number',
    description: 'What is wrong',
    descriptionHelp: 'Which computer, which system, what message',
    submit: 'Submit',
    done: 'Report submitted',
    doneNumber: (n: string) => `Ticket ${n}; an engineer will contact you soon.`,
    again: 'Report another',
    required: 'Required',
    stopped:
      'This QR code is no longer in use; contact the hospital’s IT center or call in the fault.',
  },
};
