/** Fields the reader maps from the sellers sheet, in the default column order. */
export const SELLER_FIELDS = [
  'sellerNumber',
  'name',
  'inquiryDate',
  'phone',
  'email',
  'address',
  'status',
  'notes',
  'propertyAddress',
  'propertyType',
  'landArea',
  'buildingArea',
  'price',
  'updatedAt',
] as const;
export type SellerField = (typeof SELLER_FIELDS)[number];

/** Default header text per field; `createSheetsReader({ columns })` overrides or adds aliases. */
export const DEFAULT_HEADERS: Record<SellerField, string[]> = {
  sellerNumber: ['Seller Number', 'Seller No', '売主番号'],
  name: ['Name', 'Seller Name', '名前'],
  inquiryDate: ['Inquiry Date', '反響日'],
  phone: ['Phone', 'Phone Number'],
  email: ['Email', 'E-mail'],
  address: ['Address'],
  status: ['Status'],
  notes: ['Notes'],
  propertyAddress: ['Property Address'],
  propertyType: ['Property Type'],
  landArea: ['Land Area'],
  buildingArea: ['Building Area'],
  price: ['Price'],
  updatedAt: ['Updated At'],
};

export const REQUIRED_FIELDS: readonly SellerField[] = ['sellerNumber', 'name', 'inquiryDate'];
