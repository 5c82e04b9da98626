/** The shared staff dialog; this path stays so screens written against it keep building (new code imports the staff entry). */
export { Dialog } from '../staff';
